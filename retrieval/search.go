package retrieval

// Mode chooses which side of the hybrid search runs.
type Mode string

// Search modes. Hybrid is the default; Lexical alone is the plain BM25
// baseline that the evaluation reports beside it.
const (
	Hybrid  Mode = "hybrid"
	Vector  Mode = "vector"
	Lexical Mode = "lexical"
)

// SearchOptions tunes one search.
type SearchOptions struct {
	// K is how many results to return; 0 means DefaultK.
	K int
	// Mode is Hybrid when empty.
	Mode Mode
	// Outlet, when set, keeps only the passages of articles from that
	// outlet (its name in any case): "according to Al Jazeera" searches
	// Al Jazeera's articles, however far down the whole ranking they are.
	Outlet string
}

// DefaultK is the number of results a search returns when K is 0.
const DefaultK = 8
