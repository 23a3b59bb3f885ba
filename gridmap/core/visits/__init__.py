"""Visits to key persons and venues (走访): how often each must be visited (:mod:`.rules`), and for a day each
target's last visit, due date and status, with coverage per grid, street, district and worker (:mod:`.due`)."""
