package web

import (
	"context"
	"sync"
	"time"
)

// gate bounds the work in flight: at most workers evaluations at once, at
// most queue more admitted and waiting, and the bodies of all admitted
// requests within memory bytes. A request is admitted before its body is
// read, so that a refused one costs nothing.
type gate struct {
	slots  chan struct{} // held while evaluating
	admit  chan struct{} // held from admission to the end of the response
	mu     sync.Mutex
	memory int64 // bytes still free for bodies
}

func newGate(workers, queue int, memory int64) *gate {
	return &gate{slots: make(chan struct{}, workers), admit: make(chan struct{}, workers+queue), memory: memory}
}

// enter admits a request whose body may take up to size bytes, or reports
// false at once when the queue or the memory is full. leave must be called
// when it was admitted.
func (g *gate) enter(size int64) bool {
	select {
	case g.admit <- struct{}{}:
	default:
		return false
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if size > g.memory {
		<-g.admit
		return false
	}
	g.memory -= size
	return true
}

func (g *gate) leave(size int64) {
	g.mu.Lock()
	g.memory += size
	g.mu.Unlock()
	<-g.admit
}

// work waits for an evaluation slot, for up to wait or until ctx ends;
// done must be called when it returned true.
func (g *gate) work(ctx context.Context, wait time.Duration) bool {
	select {
	case g.slots <- struct{}{}:
		return true
	default:
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case g.slots <- struct{}{}:
		return true
	case <-t.C:
		return false
	case <-ctx.Done():
		return false
	}
}

func (g *gate) done() { <-g.slots }
