-- The Flern demo: a small made-up shop. The data is in examples/data/ (written by
-- examples/generate_data.py). Every query is staged into C++, compiled, cached on disk and run;
-- the "Run Time" line after each says where the time went. Run the demo twice: the second time
-- every program comes from the cache.

-- Load a file into a declared table with COPY ...
CREATE TABLE nations (n_nationkey INTEGER NOT NULL, n_name VARCHAR NOT NULL, n_region VARCHAR NOT NULL);
COPY nations FROM 'examples/data/nations.csv' (HEADER);

CREATE TABLE customers (
  c_custkey   INTEGER NOT NULL,
  c_name      VARCHAR NOT NULL,
  c_nationkey INTEGER NOT NULL,
  c_segment   VARCHAR,          -- empty in the file: NULL
  c_acctbal   DECIMAL(12, 2),
  c_since     DATE
);
COPY customers FROM 'examples/data/customers.csv' (HEADER);

-- ... or query a file directly: read_csv infers the column types.
SELECT * FROM read_csv('examples/data/orders.csv') LIMIT 5;

-- Keep the orders as a table, the price as an exact DECIMAL rather than the inferred DOUBLE.
CREATE TABLE orders AS
SELECT o_orderkey, o_custkey, o_orderdate, o_status, o_priority, o_items,
       CAST(o_totalprice AS DECIMAL(12, 2)) AS o_totalprice, o_discount
FROM read_csv('examples/data/orders.csv');

-- A first look at the orders.
SELECT count(*) AS orders, min(o_orderdate) AS first_day, max(o_orderdate) AS last_day,
       sum(o_totalprice) AS revenue, avg(o_discount) AS avg_discount
FROM orders;

-- Joins and GROUP BY: revenue per region.
SELECT n_region AS region, count(*) AS orders, sum(o_totalprice) AS revenue
FROM orders
JOIN customers ON o_custkey = c_custkey
JOIN nations ON c_nationkey = n_nationkey
GROUP BY n_region
ORDER BY revenue DESC;

-- ORDER BY and LIMIT: the ten best customers.
SELECT c_name AS customer, n_name AS nation, count(*) AS orders, sum(o_totalprice) AS spent
FROM orders
JOIN customers ON o_custkey = c_custkey
JOIN nations ON c_nationkey = n_nationkey
GROUP BY c_name, n_name
ORDER BY spent DESC, customer
LIMIT 10;

-- CASE: orders by size.
SELECT CASE WHEN o_items <= 3 THEN 'small'
            WHEN o_items <= 8 THEN 'medium'
            ELSE 'large' END AS size,
       count(*) AS orders,
       min(o_totalprice) AS smallest,
       max(o_totalprice) AS largest
FROM orders
GROUP BY 1
ORDER BY min(o_items);

-- Dates: orders per year, and the share of them with a discount (NULL discounts do not count).
SELECT EXTRACT(YEAR FROM o_orderdate) AS order_year,
       count(*) AS orders,
       count(o_discount) AS with_discount,
       sum(o_totalprice) AS revenue
FROM orders
GROUP BY EXTRACT(YEAR FROM o_orderdate)
ORDER BY order_year;

-- NULLs: customers whose segment is unknown.
SELECT c_custkey, c_name, c_segment, c_acctbal, c_since
FROM customers
WHERE c_segment IS NULL
ORDER BY c_custkey;

-- Open orders since a date, by priority ...
SELECT o_priority AS priority, count(*) AS orders, sum(o_totalprice) AS open_value
FROM orders
WHERE o_status <> 'F' AND o_orderdate >= DATE '2024-12-01'
GROUP BY o_priority
ORDER BY o_priority;

-- ... and the same since another date. Constants are parameters of the compiled program, not
-- part of its source, so this query reuses the program above: "cache hit".
SELECT o_priority AS priority, count(*) AS orders, sum(o_totalprice) AS open_value
FROM orders
WHERE o_status <> 'F' AND o_orderdate >= DATE '2024-11-01'
GROUP BY o_priority
ORDER BY o_priority;

-- How the last query runs: its physical plan (.code shows the generated C++).
EXPLAIN
SELECT o_priority AS priority, count(*) AS orders, sum(o_totalprice) AS open_value
FROM orders
WHERE o_status <> 'F' AND o_orderdate >= DATE '2024-11-01'
GROUP BY o_priority
ORDER BY o_priority;

-- A model inside the query. CREATE MODEL compiles an ONNX model (a small made-up network,
-- written by dev.flern.ml.models.DemoModel) and packs its weights once; SHOW MODELS lists it.
CREATE MODEL order_risk FROM 'examples/models/order_risk.onnx';
SHOW MODELS;

-- PREDICT runs it on every row, inside the same compiled program as the scan and the aggregate:
-- each worker gathers its rows into a batch and runs the network's kernels on it.
SELECT o_priority AS priority, count(*) AS orders,
       avg(PREDICT(order_risk, o_totalprice / 10000, coalesce(o_discount, 0), o_items)) AS mean_risk
FROM orders
GROUP BY o_priority
ORDER BY o_priority;

-- The riskiest open orders: the filter on status runs before the model, the one on risk after.
SELECT o_orderkey, c_name AS customer, o_totalprice,
       PREDICT(order_risk, o_totalprice / 10000, coalesce(o_discount, 0), o_items) AS risk
FROM orders JOIN customers ON o_custkey = c_custkey
WHERE o_status = 'O' AND PREDICT(order_risk, o_totalprice / 10000, coalesce(o_discount, 0), o_items) > 0.6
ORDER BY risk DESC
LIMIT 5;
