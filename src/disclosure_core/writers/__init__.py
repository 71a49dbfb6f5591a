"""Writers: reports and check results rendered for people and machines."""
