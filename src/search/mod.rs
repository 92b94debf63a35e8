//! Search: query understanding into a plan, running it, ranking, snippets.
