"""Knowledge base of people, offices, terms and ranks (shipped offline)."""
