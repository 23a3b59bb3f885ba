"""Maps shipped with GridMap: the sample city's county boundaries (installed as ``gridmap._maps``)."""
