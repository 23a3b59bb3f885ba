"""GridMap's Qt desktop interface: thin widgets over :mod:`gridmap.core`."""
