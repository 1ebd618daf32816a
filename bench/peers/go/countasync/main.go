// Command countasync is the walkthrough's countasync.py in Go: three
// goroutines that each print "One", sleep a second and print "Two".
package main

import (
	"fmt"
	"sync"
	"time"
)

func count(wg *sync.WaitGroup) {
	defer wg.Done()
	fmt.Println("One")
	time.Sleep(time.Second)
	fmt.Println("Two")
}

func main() {
	start := time.Now()
	var wg sync.WaitGroup
	wg.Add(3)
	for i := 0; i < 3; i++ {
		go count(&wg)
	}
	wg.Wait()
	fmt.Printf("countasync executed in %.2f seconds.\n",
		time.Since(start).Seconds())
}
