"""Operations the CLI and the GUI share: each takes options and a progress callback, returns a result."""
