/**
 * The Spark side of the online loop: uploading GroupBy values and join metadata to the online store, flattening the
 * request log into the join's log table, and measuring online/offline consistency.
 */
package io.tidemark.online.jobs;
