"""Child labour (CLTS) screens: the profile tab and the list of rescue cases."""
