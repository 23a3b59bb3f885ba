"""The Leaflet map: page building and JSON payloads (Qt-free), and the QtWebEngine view and bridge."""
