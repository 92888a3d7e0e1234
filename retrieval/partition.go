package retrieval

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
)

// Partitioning of the vector index (IVF): the vectors are split by nearest
// centroid into chromem-go collections and a query scans only the
// collections whose centroids are nearest to it.
const (
	// defaultPartitionThreshold is the vector count up to which the index
	// stays one collection with exact search (the bundled corpus is far
	// below it).
	// It is above defaultMinScan: below about that many vectors a
	// partitioned query would scan nearly everything anyway.
	defaultPartitionThreshold = 8192
	// defaultMinScan and scanFraction set how many vectors a partitioned
	// query scans: max(defaultMinScan, count/scanFraction). The hashed local
	// vectors have little cluster structure, so a tenth of them found only
	// about half of the exact top 8; a third keeps recall@8 near 0.9 at 10k
	// and 0.8 at 100k while staying inside the one-core latency targets.
	defaultMinScan = 6000
	scanFraction   = 3
	// minPartitions and maxPartitions bound the number of partitions,
	// about sqrt(count): more are finer (better recall for the same scan)
	// but cost more to build and to rank at query time.
	minPartitions = 8
	maxPartitions = 256
	// kmeansIters spherical k-means iterations, on a sample of
	// kmeansSamplePer vectors per centroid, from kmeansSeed.
	kmeansIters     = 6
	kmeansSamplePer = 32
	kmeansSeed      = 0x5eed
)

// partitionsFor returns the number of partitions for n vectors.
func partitionsFor(n int) int {
	return min(max(int(math.Sqrt(float64(n))), minPartitions), maxPartitions)
}

// dot is the dot product of two vectors of equal length. Hand-written with
// four accumulators because chromem-go's is unexported and this one runs
// count × partitions times per build.
func dot(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return s0 + s1 + s2 + s3
}

// nearest returns the index of the centroid most similar to v (the first
// on a tie).
func nearest(v []float32, cents [][]float32) int {
	best, bestSim := 0, float32(math.Inf(-1))
	for i, c := range cents {
		if s := dot(v, c); s > bestSim {
			best, bestSim = i, s
		}
	}
	return best
}

// assign returns the nearest centroid of every vector, spread over
// GOMAXPROCS goroutines (each result depends only on its vector, so the
// split does not change it).
func assign(vs, cents [][]float32) []int {
	out := make([]int, len(vs))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(vs)/1024))
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*len(vs)/workers, (w+1)*len(vs)/workers
		wg.Go(func() {
			for i := lo; i < hi; i++ {
				out[i] = nearest(vs[i], cents)
			}
		})
	}
	wg.Wait()
	return out
}

// kmeans returns k unit centroids for unit vectors vs: k-means++ seeding
// and a few spherical k-means iterations on a sample, all from a fixed
// seed so that the same vectors in the same order give the same
// centroids. Hand-written: the only need is this small deterministic
// routine, not a clustering library.
func kmeans(vs [][]float32, k int) [][]float32 {
	r := rand.New(rand.NewPCG(kmeansSeed, kmeansSeed))
	sample := vs
	if n := k * kmeansSamplePer; len(vs) > n {
		idx := r.Perm(len(vs))[:n]
		slices.Sort(idx)
		sample = make([][]float32, n)
		for i, j := range idx {
			sample[i] = vs[j]
		}
	}
	k = min(k, len(sample))
	cents := seedCentroids(r, sample, k)
	dim := len(sample[0])
	sums := make([][]float32, k)
	for i := range sums {
		sums[i] = make([]float32, dim)
	}
	for range kmeansIters {
		for _, s := range sums {
			clear(s)
		}
		for i, c := range assign(sample, cents) {
			for d, x := range sample[i] {
				sums[c][d] += x
			}
		}
		for c, s := range sums {
			unitInto(cents[c], s) // an empty cluster keeps its centroid
		}
	}
	return cents
}

// seedCentroids picks k distinct sample vectors by k-means++: each next
// one with probability proportional to its squared distance to the
// nearest already picked.
func seedCentroids(r *rand.Rand, sample [][]float32, k int) [][]float32 {
	cents := make([][]float32, 0, k)
	pick := func(i int) {
		cents = append(cents, slices.Clone(sample[i]))
	}
	pick(r.IntN(len(sample)))
	dist := make([]float64, len(sample))
	for i := range dist {
		dist[i] = math.Inf(1)
	}
	for len(cents) < k {
		last := cents[len(cents)-1]
		var total float64
		for i, v := range sample {
			// Squared Euclidean distance between unit vectors.
			d := max(0, 2-2*float64(dot(v, last)))
			dist[i] = min(dist[i], d)
			total += dist[i]
		}
		if total == 0 {
			// Fewer distinct vectors than k: duplicate centroids stay
			// empty, which is harmless.
			pick(r.IntN(len(sample)))
			continue
		}
		target, i := r.Float64()*total, 0
		for ; i < len(sample)-1; i++ {
			target -= dist[i]
			if target < 0 {
				break
			}
		}
		pick(i)
	}
	return cents
}

// unitInto writes s scaled to unit length into dst unless s is zero.
func unitInto(dst, s []float32) {
	var n float64
	for _, x := range s {
		n += float64(x) * float64(x)
	}
	if n == 0 {
		return
	}
	inv := float32(1 / math.Sqrt(n))
	for i, x := range s {
		dst[i] = x * inv
	}
}
