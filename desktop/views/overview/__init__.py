"""overview screens: the dashboard and the adoption board."""
