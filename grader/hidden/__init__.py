"""Hidden tests: one ``test_<kata>.py`` per kata. Trusted code; never shipped to learners."""
