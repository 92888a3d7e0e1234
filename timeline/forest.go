package timeline

// forest is a union-find forest over the indexes 0..n-1: the merge joins
// mentions into events, groups into events, causes into accounts and
// speakers into sides with it. forest[i] is i's parent; a root is its own.
type forest []int

// newForest returns n singletons.
func newForest(n int) forest {
	f := make(forest, n)
	for i := range f {
		f[i] = i
	}
	return f
}

// find returns the root of i's tree, halving the path on the way.
func (f forest) find(i int) int {
	for f[i] != i {
		f[i] = f[f[i]]
		i = f[i]
	}
	return i
}

// indexOf maps each element of xs to its index.
func indexOf[T comparable](xs []T) map[T]int {
	idx := make(map[T]int, len(xs))
	for i, x := range xs {
		idx[x] = i
	}
	return idx
}
