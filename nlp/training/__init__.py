"""Training the pipeline's learned components from the labelled facts.

``python -m pactgraph.nlp.training build`` rebuilds the shipped model from the gold folders;
``examples`` turns labelled filings into training examples, ``train`` runs ``spacy train`` on
them with the config kept beside this module.
"""
