"""The benchmark: `make bench` runs bench/run.py."""

# The pages measured, created by bench/seed.py on top of the demo content.
PAGES = {
    "home": "/",
    "review": "/reviews/benchmark-review/",
    "listing": "/reviews/",
    "search": "/search/?q=keaton",
}
