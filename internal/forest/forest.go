// Package forest is a union-find forest over the indexes 0..n-1: the
// timeline joins mentions into events and causes into accounts with it,
// and the facts reader speakers into sides.
package forest

// Forest holds each index's parent; a root is its own.
type Forest []int

// New returns n singletons.
func New(n int) Forest {
	f := make(Forest, n)
	for i := range f {
		f[i] = i
	}
	return f
}

// Find returns the root of i's tree, halving the path on the way.
func (f Forest) Find(i int) int {
	for f[i] != i {
		f[i] = f[f[i]]
		i = f[i]
	}
	return i
}

// Join puts the trees of a and b together under the lesser root.
func (f Forest) Join(a, b int) {
	if a, b = f.Find(a), f.Find(b); a != b {
		f[max(a, b)] = min(a, b)
	}
}

// Roots returns each index's root: the least index of its tree when every
// join was by Join.
func (f Forest) Roots() []int {
	out := make([]int, len(f))
	for i := range f {
		out[i] = f.Find(i)
	}
	return out
}
