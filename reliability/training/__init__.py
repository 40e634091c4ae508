"""Training and evaluation of the model from labeled corpora."""
