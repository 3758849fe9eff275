"""One module a subcommand of `crosswatch`."""
