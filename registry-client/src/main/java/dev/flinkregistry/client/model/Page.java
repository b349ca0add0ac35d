package dev.flinkregistry.client.model;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param items the items on this page
 * @param page the page number, from 0
 * @param size the page size asked for
 * @param total how many items there are in all
 * @param <T> the item type
 */
public record Page<T>(List<T> items, int page, int size, long total) {}
