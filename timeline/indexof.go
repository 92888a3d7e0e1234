package timeline

// indexOf maps each element of xs to its index.
func indexOf[T comparable](xs []T) map[T]int {
	idx := make(map[T]int, len(xs))
	for i, x := range xs {
		idx[x] = i
	}
	return idx
}
