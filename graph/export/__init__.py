"""Writers that turn the claim graph into files other tools open (HTML view, Gephi, tables)."""
