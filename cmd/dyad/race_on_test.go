//go:build race

package main

// raceOn is set when the tests run with -race, which makes dyad several
// times slower: tests that run many documents run fewer.
const raceOn = true
