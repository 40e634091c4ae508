"""The trained model and its model card, shipped as package data (reliability.models)."""
