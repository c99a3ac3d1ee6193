// The watchlist module: filled in by the watchlist work (issue 6).
