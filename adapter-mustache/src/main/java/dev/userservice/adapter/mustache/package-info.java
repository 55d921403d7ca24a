/**
 * The letters (Mustache): the built-in English and Russian templates, branding and links, and
 * templates an operator overrides or adds.
 */
package dev.userservice.adapter.mustache;
