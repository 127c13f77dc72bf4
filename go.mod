module dyad

go 1.26.8
