"""Analysis of a store: networkx views (agreements, ownership) and their pictures."""
