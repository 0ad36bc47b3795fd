"""Reading files: the Markdown scanner, the YAML loaders, field normalisation, listing the vault."""
