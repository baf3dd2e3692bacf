//! Minimum-cost flow by cost scaling (Goldberg's push–relabel with ε-scaling), on a network with
//! node supplies and integer arc capacities and costs. Exact for integer costs: costs are scaled
//! by the number of nodes, so a 1-optimal flow in scaled costs is optimal.

/// An arc's index in the network; its reverse arc is `index ^ 1`.
pub type ArcId = usize;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FlowError {
    #[error("the supplies cannot all be routed: the problem is infeasible")]
    Infeasible,
    #[error("supplies do not sum to zero")]
    Unbalanced,
}

/// A flow network in compressed form. Add arcs, then `solve`.
#[derive(Debug, Clone, Default)]
pub struct Network {
    supply: Vec<i64>,
    tail: Vec<u32>,
    head: Vec<u32>,
    cap: Vec<i32>,
    cost: Vec<i64>,
}

impl Network {
    pub fn new(nodes: usize) -> Network {
        Network {
            supply: vec![0; nodes],
            ..Network::default()
        }
    }

    pub fn nodes(&self) -> usize {
        self.supply.len()
    }

    pub fn arcs(&self) -> usize {
        self.tail.len()
    }

    pub fn set_supply(&mut self, node: usize, supply: i64) {
        self.supply[node] = supply;
    }

    /// Adds an arc and returns its id; its flow is read back by id after solving.
    pub fn add_arc(&mut self, from: usize, to: usize, capacity: i32, cost: i64) -> ArcId {
        let id = self.tail.len();
        self.tail.push(from as u32);
        self.head.push(to as u32);
        self.cap.push(capacity);
        self.cost.push(cost);
        id
    }

    /// Solves for a minimum-cost flow meeting every supply. Returns the flow on each arc, in
    /// the order the arcs were added.
    pub fn solve(&self) -> Result<Vec<i32>, FlowError> {
        Ok(self.optimum(None, &mut |_, _| {})?.flows)
    }

    /// The factor by which the prices of an `Optimum` scale the costs: an arc's reduced cost is
    /// `cost × scale + price[tail] − price[head]`.
    pub fn price_scale(&self) -> i64 {
        self.nodes() as i64 + 1
    }

    /// A minimum-cost flow with prices that prove it optimal: every arc that could carry more
    /// has a reduced cost of at least −1, and every arc that could carry less at most +1
    /// (ε-optimality for ε = 1 ÷ (n + 1) in the original costs, which for integer costs is
    /// optimality).
    ///
    /// With `start`, the solver begins from that flow and those prices (flows on arcs added
    /// since are taken as zero, flows past an arc's capacity as its capacity, and prices for
    /// another number of nodes are not used), which is quick when the start is nearly optimal —
    /// after arcs were added to a solved network, say. Whatever the start, the flow returned is
    /// optimal. `progress(done, total)` is called after each
    /// scaling phase.
    pub fn optimum(
        &self,
        start: Option<&Optimum>,
        progress: &mut dyn FnMut(u32, u32),
    ) -> Result<Optimum, FlowError> {
        if self.supply.iter().sum::<i64>() != 0 {
            return Err(FlowError::Unbalanced);
        }
        let mut g = Residual::build(self);
        if let Some(start) = start {
            g.start_from(start);
        }
        g.max_flow_from_supplies()?;
        g.cost_scaling(progress);
        Ok(Optimum {
            flows: g.flows(self.tail.len()),
            prices: g.price,
        })
    }
}

/// A solved network: the flow on each arc, in the order the arcs were added, and each node's
/// price (in costs × `Network::price_scale`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Optimum {
    pub flows: Vec<i32>,
    pub prices: Vec<i64>,
}

/// The residual graph in CSR order: arcs of a node are contiguous; `pair[a]` is the reverse.
struct Residual {
    n: usize,
    first: Vec<u32>,
    head: Vec<u32>,
    pair: Vec<u32>,
    res: Vec<i32>,
    cost: Vec<i64>,
    /// Where each original arc (forward) sits in CSR order.
    slot: Vec<u32>,
    excess: Vec<i64>,
    price: Vec<i64>,
    /// Whether the flow and prices came from an earlier solution.
    warm: bool,
    /// What the costs were multiplied by.
    scale: i64,
}

impl Residual {
    fn build(net: &Network) -> Residual {
        let n = net.nodes();
        let m = net.tail.len();
        let mut degree = vec![0u32; n + 1];
        for i in 0..m {
            degree[net.tail[i] as usize + 1] += 1;
            degree[net.head[i] as usize + 1] += 1;
        }
        for v in 0..n {
            degree[v + 1] += degree[v];
        }
        let first = degree.clone();
        let mut fill = degree;
        let total = 2 * m;
        let mut head = vec![0u32; total];
        let mut pair = vec![0u32; total];
        let mut res = vec![0i32; total];
        let mut cost = vec![0i64; total];
        let mut slot = vec![0u32; m];
        // Costs scaled by n + 1, so that 1-optimality in scaled costs is optimality: a cycle of
        // at most n arcs then costs more than −(n + 1), and its cost is a multiple of n + 1.
        let scale = net.price_scale();
        for (i, slot_i) in slot.iter_mut().enumerate() {
            let (u, v) = (net.tail[i] as usize, net.head[i] as usize);
            let a = fill[u] as usize;
            fill[u] += 1;
            let b = fill[v] as usize;
            fill[v] += 1;
            head[a] = v as u32;
            head[b] = u as u32;
            pair[a] = b as u32;
            pair[b] = a as u32;
            res[a] = net.cap[i];
            res[b] = 0;
            cost[a] = net.cost[i] * scale;
            cost[b] = -net.cost[i] * scale;
            *slot_i = a as u32;
        }
        Residual {
            n,
            first,
            head,
            pair,
            res,
            cost,
            slot,
            excess: net.supply.clone(),
            price: vec![0; n],
            warm: false,
            scale,
        }
    }

    /// Takes the flows and prices of an earlier solution; arcs beyond its flows carry none.
    fn start_from(&mut self, start: &Optimum) {
        for (i, &flow) in start.flows.iter().enumerate().take(self.slot.len()) {
            let a = self.slot[i] as usize;
            let flow = flow.clamp(0, self.res[a]);
            let b = self.pair[a] as usize;
            self.res[a] -= flow;
            self.res[b] += flow;
            self.excess[self.head[b] as usize] -= i64::from(flow);
            self.excess[self.head[a] as usize] += i64::from(flow);
        }
        self.warm = true;
        if start.prices.len() == self.n {
            self.price.copy_from_slice(&start.prices);
        }
    }

    fn flows(&self, m: usize) -> Vec<i32> {
        (0..m)
            .map(|i| self.res[self.pair[self.slot[i] as usize] as usize])
            .collect()
    }

    /// Routes every supply to the demands along shortest augmenting paths (Dinic), or reports
    /// that it cannot be done. Costs are ignored here; cost scaling then makes the flow optimal.
    fn max_flow_from_supplies(&mut self) -> Result<(), FlowError> {
        let n = self.n;
        let mut level = vec![u32::MAX; n];
        let mut it = vec![0u32; n];
        let mut queue = Vec::with_capacity(n);
        loop {
            // Levels from every node with excess, in the residual graph.
            level.iter_mut().for_each(|l| *l = u32::MAX);
            queue.clear();
            for (v, l) in level.iter_mut().enumerate() {
                if self.excess[v] > 0 {
                    *l = 0;
                    queue.push(v as u32);
                }
            }
            if queue.is_empty() {
                return Ok(());
            }
            let mut found_deficit = false;
            let mut qi = 0;
            while qi < queue.len() {
                let v = queue[qi] as usize;
                qi += 1;
                if self.excess[v] < 0 {
                    found_deficit = true;
                }
                for a in self.first[v] as usize..self.first[v + 1] as usize {
                    let w = self.head[a] as usize;
                    if self.res[a] > 0 && level[w] == u32::MAX {
                        level[w] = level[v] + 1;
                        queue.push(w as u32);
                    }
                }
            }
            if !found_deficit {
                return Err(FlowError::Infeasible);
            }
            it[..n].copy_from_slice(&self.first[..n]);
            let mut pushed_any = false;
            for s in 0..n {
                while self.excess[s] > 0 && level[s] == 0 {
                    let want = self.excess[s].min(i64::from(i32::MAX)) as i32;
                    let sent = self.dfs(s, want, &level, &mut it);
                    if sent == 0 {
                        break;
                    }
                    self.excess[s] -= i64::from(sent);
                    pushed_any = true;
                }
            }
            if !pushed_any {
                return Err(FlowError::Infeasible);
            }
        }
    }

    /// Sends up to `limit` from `v` to nodes with a deficit along the level graph (iterative).
    fn dfs(&mut self, source: usize, limit: i32, level: &[u32], it: &mut [u32]) -> i32 {
        let mut stack: Vec<(usize, usize)> = Vec::new(); // (node, arc used to reach it)
        let mut v = source;
        loop {
            if v != source && self.excess[v] < 0 {
                // Bottleneck along the path, capped by the deficit and the limit.
                let mut amount = limit.min((-self.excess[v]).min(i64::from(i32::MAX)) as i32);
                for &(_, a) in &stack {
                    amount = amount.min(self.res[a]);
                }
                for &(_, a) in &stack {
                    self.res[a] -= amount;
                    self.res[self.pair[a] as usize] += amount;
                }
                self.excess[v] += i64::from(amount);
                return amount;
            }
            let end = self.first[v + 1];
            let mut advanced = false;
            while it[v] < end {
                let a = it[v] as usize;
                let w = self.head[a] as usize;
                if self.res[a] > 0 && level[w] == level[v] + 1 {
                    stack.push((v, a));
                    v = w;
                    advanced = true;
                    break;
                }
                it[v] += 1;
            }
            if !advanced {
                // Dead end: retreat and skip the arc that led here.
                match stack.pop() {
                    Some((u, _)) => {
                        it[u] += 1;
                        v = u;
                    }
                    None => return 0,
                }
            }
        }
    }

    /// ε-scaling refinement until the flow is 1-optimal in scaled costs, starting from the
    /// smallest ε for which the flow and prices are already ε-optimal (from a warm start, at
    /// most one cost unit).
    fn cost_scaling(&mut self, progress: &mut dyn FnMut(u32, u32)) {
        const ALPHA: i64 = 5;
        let mut worst = 0;
        for v in 0..self.n {
            for a in self.first[v] as usize..self.first[v + 1] as usize {
                if self.res[a] > 0 {
                    let w = self.head[a] as usize;
                    worst = worst.max(-(self.cost[a] + self.price[v] - self.price[w]));
                }
            }
        }
        let mut eps = if self.warm {
            // A start is taken to be nearly optimal: refining from a single cost unit settles
            // the few arcs that are not, without first undoing the finer work already done.
            worst.min(self.scale)
        } else {
            worst
        };
        let mut phases = 0u32;
        let mut e = eps;
        while e > 1 {
            e = (e / ALPHA).max(1);
            phases += 1;
        }
        let mut done = 0;
        while eps > 1 {
            eps = (eps / ALPHA).max(1);
            self.refine(eps);
            done += 1;
            progress(done, phases);
        }
    }

    fn refine(&mut self, eps: i64) {
        let n = self.n;
        self.saturate_admissible();
        let mut current: Vec<u32> = self.first[..n].to_vec();
        let mut active: std::collections::VecDeque<u32> = (0..n as u32)
            .filter(|&v| self.excess[v as usize] > 0)
            .collect();
        let mut relabels = 0usize;
        while let Some(v) = active.pop_front() {
            relabels += self.discharge(v as usize, eps, &mut current, &mut active);
            if relabels >= 2 * n {
                // Global price update: exact distances to the deficits, in steps of ε.
                relabels = 0;
                self.price_update(eps);
                current.copy_from_slice(&self.first[..n]);
            }
        }
    }

    /// Saturates every arc with negative reduced cost: the flow becomes a pseudo-flow that is
    /// 0-optimal, with excesses and deficits to settle.
    fn saturate_admissible(&mut self) {
        let (first, head, pair, cost) = (&self.first, &self.head, &self.pair, &self.cost);
        let (res, excess, price) = (&mut self.res, &mut self.excess, &self.price);
        for v in 0..self.n {
            let pv = price[v];
            for a in first[v] as usize..first[v + 1] as usize {
                if res[a] > 0 {
                    let w = head[a] as usize;
                    if cost[a] + pv - price[w] < 0 {
                        let d = res[a];
                        res[a] = 0;
                        res[pair[a] as usize] += d;
                        excess[v] -= i64::from(d);
                        excess[w] += i64::from(d);
                    }
                }
            }
        }
    }

    /// Pushes `v`'s excess along admissible arcs (reduced cost below zero), relabelling `v`
    /// when it has none; nodes that gain an excess join `active`. Returns the relabels made.
    fn discharge(
        &mut self,
        v: usize,
        eps: i64,
        current: &mut [u32],
        active: &mut std::collections::VecDeque<u32>,
    ) -> usize {
        let (first, head, pair, cost) = (&self.first, &self.head, &self.pair, &self.cost);
        let (res, excess, price) = (&mut self.res, &mut self.excess, &mut self.price);
        let (start, end) = (first[v] as usize, first[v + 1] as usize);
        let mut relabels = 0;
        while excess[v] > 0 {
            let pv = price[v];
            let mut a = current[v] as usize;
            while a < end {
                if res[a] > 0 {
                    let w = head[a] as usize;
                    if cost[a] + pv - price[w] < 0 {
                        let d = excess[v].min(i64::from(res[a]));
                        res[a] -= d as i32;
                        res[pair[a] as usize] += d as i32;
                        excess[v] -= d;
                        let was = excess[w];
                        excess[w] += d;
                        if was <= 0 && excess[w] > 0 {
                            active.push_back(w as u32);
                        }
                        if excess[v] == 0 {
                            break;
                        }
                    }
                }
                a += 1;
            }
            current[v] = a.min(end) as u32;
            if excess[v] > 0 {
                // Relabel: the highest price that keeps every residual arc ε-optimal.
                let mut best = i64::MIN;
                for b in start..end {
                    if res[b] > 0 {
                        best = best.max(price[head[b] as usize] - cost[b]);
                    }
                }
                // With excess there is always a residual arc (the flow came in somewhere).
                price[v] = if best == i64::MIN {
                    pv - eps
                } else {
                    best - eps
                };
                current[v] = start as u32;
                relabels += 1;
            }
        }
        relabels
    }

    /// Lowers each node's price by its distance to the nearest deficit, where a residual arc
    /// costs `⌊reduced cost / ε⌋ + 1` steps (Dial's buckets). The flow stays ε-optimal and every
    /// excess gets an admissible path at once, instead of many single relabels.
    fn price_update(&mut self, eps: i64) {
        let n = self.n;
        let (first, head, pair, cost) = (&self.first, &self.head, &self.pair, &self.cost);
        let (res, excess, price) = (&self.res, &self.excess, &mut self.price);
        let mut dist = vec![u32::MAX; n];
        let mut done = vec![false; n];
        let mut buckets: Vec<Vec<u32>> = vec![Vec::new()];
        for (v, d) in dist.iter_mut().enumerate() {
            if excess[v] < 0 {
                *d = 0;
                buckets[0].push(v as u32);
            }
        }
        let mut to_reach = (0..n).filter(|&v| excess[v] > 0).count();
        if buckets[0].is_empty() || to_reach == 0 {
            return;
        }
        let mut settled_up_to = 0u32;
        let mut d = 0usize;
        'scan: while d < buckets.len() {
            while let Some(w) = buckets[d].pop() {
                let w = w as usize;
                if done[w] || dist[w] != d as u32 {
                    continue;
                }
                done[w] = true;
                settled_up_to = d as u32;
                if excess[w] > 0 {
                    to_reach -= 1;
                    if to_reach == 0 {
                        break 'scan;
                    }
                }
                for b in first[w] as usize..first[w + 1] as usize {
                    let a = pair[b] as usize;
                    let v = head[b] as usize;
                    if res[a] <= 0 || done[v] {
                        continue;
                    }
                    // The arc v → w is b's reverse, so its cost is b's negated.
                    let reduced = -cost[b] + price[v] - price[w];
                    let steps = if reduced < 0 {
                        0
                    } else {
                        (reduced / eps) as usize + 1
                    };
                    let nd = d + steps;
                    if nd > n || (nd as u32) >= dist[v] {
                        continue;
                    }
                    dist[v] = nd as u32;
                    if buckets.len() <= nd {
                        buckets.resize_with(nd + 1, Vec::new);
                    }
                    buckets[nd].push(v as u32);
                }
            }
            d += 1;
        }
        // Every node not settled is at least `settled_up_to` away: moving it by that much keeps
        // each residual arc ε-optimal.
        for v in 0..n {
            let steps = if done[v] { dist[v] } else { settled_up_to };
            price[v] -= i64::from(steps) * eps;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_single_path_carries_the_supply_at_its_cost() {
        let mut n = Network::new(3);
        n.set_supply(0, 2);
        n.set_supply(2, -2);
        let a = n.add_arc(0, 1, 5, 3);
        let b = n.add_arc(1, 2, 5, 4);
        assert_eq!(n.solve().unwrap(), vec![2, 2]);
        assert_eq!((a, b), (0, 1));
    }

    /// `supply` from node 0 to node 3 by two routes, through node 1 and through node 2, each of
    /// two arcs with the given capacity and costs.
    fn two_routes(
        supply: i64,
        (cap1, cost1): (i32, [i64; 2]),
        (cap2, cost2): (i32, [i64; 2]),
    ) -> Network {
        let mut n = Network::new(4);
        n.set_supply(0, supply);
        n.set_supply(3, -supply);
        n.add_arc(0, 1, cap1, cost1[0]);
        n.add_arc(1, 3, cap1, cost1[1]);
        n.add_arc(0, 2, cap2, cost2[0]);
        n.add_arc(2, 3, cap2, cost2[1]);
        n
    }

    #[test]
    fn the_cheaper_of_two_routes_is_taken_up_to_its_capacity() {
        let n = two_routes(3, (2, [1, 1]), (5, [5, 5]));
        assert_eq!(n.solve().unwrap(), vec![2, 2, 1, 1]);
    }

    #[test]
    fn negative_costs_are_taken_when_they_pay() {
        let mut n = Network::new(2);
        n.set_supply(0, 1);
        n.set_supply(1, -1);
        n.add_arc(0, 1, 1, -7);
        n.add_arc(0, 1, 1, -9);
        assert_eq!(n.solve().unwrap(), vec![0, 1]);
    }

    /// Whether the prices show every arc 1-optimal: no arc that could carry more has a reduced
    /// cost below −1, and none that carries flow one above +1.
    fn certified(net: &Network, optimum: &Optimum) -> bool {
        let scale = net.price_scale();
        (0..net.arcs()).all(|i| {
            let (t, h) = (net.tail[i] as usize, net.head[i] as usize);
            let reduced = net.cost[i] * scale + optimum.prices[t] - optimum.prices[h];
            (optimum.flows[i] == net.cap[i] || reduced >= -1)
                && (optimum.flows[i] == 0 || reduced <= 1)
        })
    }

    #[test]
    fn the_prices_prove_the_flow_optimal_and_a_warm_start_takes_an_added_arc() {
        let mut n = two_routes(2, (2, [5, 0]), (2, [7, 0]));
        let first = n.optimum(None, &mut |_, _| {}).unwrap();
        assert_eq!(first.flows, vec![2, 2, 0, 0]);
        assert!(certified(&n, &first));
        // A cheaper route for one unit: the earlier optimum no longer is one.
        n.add_arc(0, 3, 1, 1);
        assert!(!certified(
            &n,
            &Optimum {
                flows: vec![2, 2, 0, 0, 0],
                ..first.clone()
            }
        ));
        let warm = n.optimum(Some(&first), &mut |_, _| {}).unwrap();
        assert_eq!(warm.flows, vec![1, 1, 0, 0, 1]);
        assert!(certified(&n, &warm));
        assert_eq!(n.solve().unwrap(), warm.flows);
    }

    #[test]
    fn an_unroutable_supply_is_infeasible_and_an_unbalanced_one_refused() {
        let mut n = Network::new(3);
        n.set_supply(0, 2);
        n.set_supply(2, -2);
        n.add_arc(0, 1, 1, 1);
        n.add_arc(1, 2, 1, 1);
        assert_eq!(n.solve(), Err(FlowError::Infeasible));
        let mut u = Network::new(2);
        u.set_supply(0, 1);
        assert_eq!(u.solve(), Err(FlowError::Unbalanced));
    }
}
