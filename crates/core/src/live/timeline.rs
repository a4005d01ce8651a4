//! The concurrent-viewers timeline kept under updates: a treap of change points (timestamp →
//! net change of the viewer count), each node carrying its subtree's sum and best prefix, so a
//! change, the peak and the count before an instant all take O(log points).

/// No child.
const NIL: u32 = u32::MAX;

/// Sum of a subtree's deltas and its best prefix (the largest running count after one of its
/// points, the earliest such point on ties); `best_at` is `None` for an empty subtree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stats {
    sum: i64,
    best: i64,
    best_at: Option<i64>,
}

const EMPTY: Stats = Stats { sum: 0, best: i64::MIN, best_at: None };

#[derive(Debug, Clone)]
struct Node {
    ts: i64,
    delta: i64,
    priority: u64,
    left: u32,
    right: u32,
    stats: Stats,
}

/// Change points of the viewer count.
#[derive(Debug, Clone)]
pub(crate) struct Timeline {
    nodes: Vec<Node>,
    free: Vec<u32>,
    root: u32,
    len: usize,
    /// Nodes from the root down to the one being changed (reused).
    path: Vec<u32>,
}

/// A fixed, well-mixed priority per timestamp (`SplitMix64`'s finalizer): the tree's shape
/// depends on the points only, never on a random source.
fn priority(ts: i64) -> u64 {
    let mut z = (ts as u64).wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Default for Timeline {
    fn default() -> Self {
        Timeline::new()
    }
}

impl Timeline {
    pub(crate) fn new() -> Self {
        Timeline { nodes: Vec::new(), free: Vec::new(), root: NIL, len: 0, path: Vec::new() }
    }

    fn stats(&self, node: u32) -> Stats {
        if node == NIL { EMPTY } else { self.nodes[node as usize].stats }
    }

    fn refresh(&mut self, node: u32) {
        let n = &self.nodes[node as usize];
        let (left, right) = (self.stats(n.left), self.stats(n.right));
        let here = left.sum + n.delta;
        let mut best = Stats { sum: here + right.sum, best: left.best, best_at: left.best_at };
        if left.best_at.is_none() || here > best.best {
            best.best = here;
            best.best_at = Some(n.ts);
        }
        if let Some(at) = right.best_at.filter(|_| here + right.best > best.best) {
            best.best = here + right.best;
            best.best_at = Some(at);
        }
        self.nodes[node as usize].stats = best;
    }

    /// Splits `node` into the points before `ts` and those at or after it.
    fn split(&mut self, node: u32, ts: i64) -> (u32, u32) {
        if node == NIL {
            return (NIL, NIL);
        }
        if self.nodes[node as usize].ts < ts {
            let (mid, right) = self.split(self.nodes[node as usize].right, ts);
            self.nodes[node as usize].right = mid;
            self.refresh(node);
            (node, right)
        } else {
            let (left, mid) = self.split(self.nodes[node as usize].left, ts);
            self.nodes[node as usize].left = mid;
            self.refresh(node);
            (left, node)
        }
    }

    /// Joins two treaps, every point of `left` before every point of `right`.
    fn merge(&mut self, left: u32, right: u32) -> u32 {
        if left == NIL {
            return right;
        }
        if right == NIL {
            return left;
        }
        if self.nodes[left as usize].priority >= self.nodes[right as usize].priority {
            let joined = self.merge(self.nodes[left as usize].right, right);
            self.nodes[left as usize].right = joined;
            self.refresh(left);
            left
        } else {
            let joined = self.merge(left, self.nodes[right as usize].left);
            self.nodes[right as usize].left = joined;
            self.refresh(right);
            right
        }
    }

    /// Points the link of `parent` on `ts`'s side (the root when `parent` is `None`) at `new`.
    fn relink(&mut self, parent: Option<u32>, ts: i64, new: u32) {
        match parent {
            None => self.root = new,
            Some(p) if ts < self.nodes[p as usize].ts => self.nodes[p as usize].left = new,
            Some(p) => self.nodes[p as usize].right = new,
        }
    }

    fn allocate(&mut self, node: Node) -> u32 {
        self.len += 1;
        if let Some(slot) = self.free.pop() {
            self.nodes[slot as usize] = node;
            slot
        } else {
            self.nodes.push(node);
            (self.nodes.len() - 1) as u32
        }
    }

    /// Adds `delta` to the change at `ts` (a point whose change reaches 0 is removed): one
    /// descent, then the subtree sums refreshed on the way back up.
    pub(crate) fn add(&mut self, ts: i64, delta: i64) {
        if delta == 0 {
            return;
        }
        let mut path = std::mem::take(&mut self.path);
        path.clear();
        let priority = priority(ts);
        let mut node = self.root;
        // Down to the point, or to where a new point's priority puts it.
        while node != NIL {
            let n = &self.nodes[node as usize];
            if n.ts == ts || n.priority < priority {
                break;
            }
            path.push(node);
            node = if ts < n.ts { n.left } else { n.right };
        }
        let parent = path.last().copied();
        if node != NIL && self.nodes[node as usize].ts == ts {
            let n = &mut self.nodes[node as usize];
            n.delta += delta;
            if n.delta == 0 {
                let (left, right) = (n.left, n.right);
                let joined = self.merge(left, right);
                self.relink(parent, ts, joined);
                self.free.push(node);
                self.len -= 1;
            } else {
                self.refresh(node);
            }
        } else {
            // A new point: it takes `node`'s place, with that subtree split around it.
            let (left, right) = self.split(node, ts);
            let fresh = self.allocate(Node { ts, delta, priority, left, right, stats: EMPTY });
            self.refresh(fresh);
            self.relink(parent, ts, fresh);
        }
        for up in path.iter().rev() {
            self.refresh(*up);
        }
        self.path = path;
    }

    /// Number of change points.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The largest viewer count and the first instant it is reached (`(0, None)` when nobody
    /// ever watched).
    pub(crate) fn peak(&self) -> (u64, Option<i64>) {
        let s = self.stats(self.root);
        match s.best_at {
            Some(at) if s.best > 0 => (s.best as u64, Some(at)),
            _ => (0, None),
        }
    }

    /// The viewer count just before `ts`: the sum of the changes strictly before it.
    pub(crate) fn before(&self, ts: i64) -> i64 {
        let (mut node, mut sum) = (self.root, 0);
        while node != NIL {
            let n = &self.nodes[node as usize];
            if n.ts < ts {
                sum += self.stats(n.left).sum + n.delta;
                node = n.right;
            } else {
                node = n.left;
            }
        }
        sum
    }
}

#[cfg(test)]
mod tests {
    use super::Timeline;

    /// The reference: sort the points, run the count.
    fn brute(points: &[(i64, i64)]) -> (u64, Option<i64>) {
        let mut sorted: Vec<(i64, i64)> = Vec::new();
        for (ts, d) in points {
            match sorted.iter_mut().find(|p| p.0 == *ts) {
                Some(p) => p.1 += d,
                None => sorted.push((*ts, *d)),
            }
        }
        sorted.retain(|p| p.1 != 0);
        sorted.sort_unstable();
        let (mut count, mut peak, mut at) = (0, 0, None);
        for (ts, d) in sorted {
            count += d;
            if count > peak {
                peak = count;
                at = Some(ts);
            }
        }
        (peak as u64, at)
    }

    #[test]
    fn matches_a_sorted_scan_under_adds_and_removals() {
        let mut state = 7u64;
        let mut next = |m: u64| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % m
        };
        let mut t = Timeline::new();
        let mut points = Vec::new();
        for round in 0..2000 {
            let (start, len) = (next(200) as i64, 1 + next(30) as i64);
            let sign = if round % 5 == 4 && !points.is_empty() { -1 } else { 1 };
            let (s, e) = if sign < 0 {
                let i = next(points.len() as u64) as usize;
                points.swap_remove(i)
            } else {
                points.push((start, start + len));
                (start, start + len)
            };
            t.add(s, sign);
            t.add(e, -sign);
            let flat: Vec<(i64, i64)> = points.iter().flat_map(|(s, e)| [(*s, 1), (*e, -1)]).collect();
            assert_eq!(t.peak(), brute(&flat), "round {round}");
            let probe = next(240) as i64;
            let before: i64 = flat.iter().filter(|(ts, _)| *ts < probe).map(|(_, d)| d).sum();
            assert_eq!(t.before(probe), before);
        }
        assert!(t.len() <= 2 * points.len());
    }
}
