// Watchlist tests (issue 6).
