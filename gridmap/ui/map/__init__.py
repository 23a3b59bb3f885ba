"""The map in the window: the QtWebEngine view and its URL scheme, basemaps, record overlays, colouring."""
