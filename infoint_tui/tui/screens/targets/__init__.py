"""The Targets screen and what opens from it: people and companies, their forms, imports."""
