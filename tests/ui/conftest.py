"""The widget tests: every one needs Qt, and the map view QtWebEngine with GridMap's URL scheme."""

from qt_setup import set_up

set_up()
