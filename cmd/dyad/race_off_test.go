//go:build !race

package main

// raceOn is set when the tests run with -race (see race_on_test.go).
const raceOn = false
