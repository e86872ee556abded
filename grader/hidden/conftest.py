"""Plain ``pytest grader/hidden --kata-path DIR`` loads the grader's plugin from here."""

pytest_plugins = ["grader.plugin"]
