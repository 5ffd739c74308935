/**
 * Operating a vault as its administrator, apart from its data: what a check of its files found and what a backup
 * copied. Values only; the store produces them and the adapters show them.
 */
package io.offlinevault.domain.operation;
