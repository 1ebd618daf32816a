// Command threads starts N OS threads that each sleep one second, all
// alive at once, and waits for all of them: the Go peer of
// `tasks-bench threads N` and bench/python/threads.py.
//
// Go schedules goroutines on a few threads of its own, so a goroutine is
// not a thread. runtime.LockOSThread wires each goroutine to an OS
// thread for its whole life; a locked goroutine that blocks keeps its
// thread blocked with it, so N locked sleepers are N sleeping threads.
// The runtime refuses to make more than 10,000 threads unless told, so
// the limit is raised to fit N.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"sync"
	"time"
)

func main() {
	n := flag.Int("n", 10_000, "threads")
	flag.Parse()
	if *n < 0 || *n > 15_000 {
		fmt.Fprintln(os.Stderr, "error: -n must be between 0 and 15000")
		os.Exit(2)
	}
	debug.SetMaxThreads(*n + 1_000)
	start := time.Now()
	// The barrier: every thread signals that it is running, then waits
	// for the gate to open, so the first cannot end before the last has
	// started.
	var running, done sync.WaitGroup
	gate := make(chan struct{})
	running.Add(*n)
	done.Add(*n)
	for i := 0; i < *n; i++ {
		go func() {
			defer done.Done()
			runtime.LockOSThread()
			running.Done()
			<-gate
			time.Sleep(time.Second)
		}()
	}
	running.Wait()
	close(gate)
	done.Wait()
	fmt.Printf("%d threads finished in %.2f seconds.\n", *n,
		time.Since(start).Seconds())
}
