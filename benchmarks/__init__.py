"""`make bench`: what readers and maintainers wait for, measured (never asserted)."""
