// Command asyncq is the walkthrough's producer/consumer queue without its
// sleeps, in Go: the peer of `asyncq-bench` and bench/python/asyncq.py.
//
// Each of -p producers sends exactly -items items into one channel; -c
// consumers receive them as they come. With -maxsize 0 (the default, as
// asyncio.Queue's) the channel holds every item, so no producer ever
// waits; with -maxsize M it holds at most M. When every producer is done
// the channel is closed, and the consumers end when it is drained. Every
// item carries a serial number, and at the end the program checks that
// each was consumed exactly once.
package main

import (
	"encoding/hex"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

type item struct {
	hex    string
	putAt  time.Time
	serial int
}

// makeitem returns five random bytes as ten hex digits, from a
// user-space generator, as the Rust and Python programs do.
func makeitem(r *rand.Rand) string {
	var b [5]byte
	r.Read(b[:])
	return hex.EncodeToString(b[:])
}

func produce(name, nitems int, q chan<- item, wg *sync.WaitGroup) {
	defer wg.Done()
	r := rand.New(rand.NewSource(time.Now().UnixNano() + int64(name)))
	for serial := name * nitems; serial < (name+1)*nitems; serial++ {
		q <- item{hex: makeitem(r), putAt: time.Now(), serial: serial}
	}
}

func consume(q <-chan item, seen []uint32, wg *sync.WaitGroup) {
	defer wg.Done()
	for it := range q {
		// The lesson's consumer times each item's wait; only the print
		// is left out, as on the other sides.
		_ = time.Since(it.putAt)
		atomic.AddUint32(&seen[it.serial], 1)
	}
}

func main() {
	nprod := flag.Int("p", 5, "producers")
	ncon := flag.Int("c", 10, "consumers")
	nitems := flag.Int("items", 100_000, "items each producer sends")
	maxsize := flag.Int("maxsize", 0, "channel capacity (0: every item)")
	flag.Parse()
	if *nprod < 1 || *nprod > 10_000 || *ncon < 1 || *ncon > 1_000_000 ||
		*nitems < 0 || *nprod**nitems > 100_000_000 || *maxsize < 0 {
		fmt.Fprintln(os.Stderr, "error: need 1-10000 producers, "+
			"1-1000000 consumers and at most 100000000 items in all")
		os.Exit(2)
	}
	total := *nprod * *nitems
	capacity := *maxsize
	if capacity == 0 {
		capacity = total
	}

	start := time.Now()
	q := make(chan item, capacity)
	seen := make([]uint32, total)
	var producers, consumers sync.WaitGroup
	consumers.Add(*ncon)
	for i := 0; i < *ncon; i++ {
		go consume(q, seen, &consumers)
	}
	producers.Add(*nprod)
	for i := 0; i < *nprod; i++ {
		go produce(i, *nitems, q, &producers)
	}
	producers.Wait()
	close(q)
	consumers.Wait()
	elapsed := time.Since(start).Seconds()

	lost, twice := 0, 0
	for _, n := range seen {
		if n == 0 {
			lost++
		} else if n > 1 {
			twice++
		}
	}
	if lost > 0 || twice > 0 {
		fmt.Fprintf(os.Stderr, "error: %d items lost, %d taken twice\n",
			lost, twice)
		os.Exit(1)
	}
	fmt.Printf("Consumed %d items, each exactly once, at %.0f items per "+
		"second.\n", total, float64(total)/elapsed)
	fmt.Printf("Program completed in %.5f seconds.\n", elapsed)
}
