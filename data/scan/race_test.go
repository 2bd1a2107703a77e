//go:build race

package scan_test

// raceEnabled shrinks the corpus tests: the race detector makes image
// loops many times slower.
const raceEnabled = true
