// Command tasks starts N goroutines that each sleep one second and waits
// for all of them: the Go peer of `tasks-bench tasks N` and
// bench/python/tasks.py.
package main

import (
	"flag"
	"fmt"
	"os"
	"sync"
	"time"
)

func main() {
	n := flag.Int("n", 10_000, "goroutines")
	flag.Parse()
	if *n < 0 || *n > 10_000_000 {
		fmt.Fprintln(os.Stderr, "error: -n must be between 0 and 10000000")
		os.Exit(2)
	}
	start := time.Now()
	var wg sync.WaitGroup
	wg.Add(*n)
	for i := 0; i < *n; i++ {
		go func() {
			defer wg.Done()
			time.Sleep(time.Second)
		}()
	}
	wg.Wait()
	fmt.Printf("%d tasks finished in %.2f seconds.\n", *n,
		time.Since(start).Seconds())
}
