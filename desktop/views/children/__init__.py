"""children screens: the list of children and registering a child."""
