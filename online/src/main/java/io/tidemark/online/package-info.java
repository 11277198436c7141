/**
 * Serving a join's features without Spark: the online store that uploads fill, fetches of a join's or a GroupBy's
 * values by key, the durable log of every join fetch, and the HTTP service in front of them.
 */
package io.tidemark.online;
