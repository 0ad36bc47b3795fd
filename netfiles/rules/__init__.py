"""Rules over the whole network: checks, ties, strength, tiers, attributes, identities."""
