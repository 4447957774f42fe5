/**
 * What every page shares: the signed-in person, the language choice (remembered in a cookie,
 * Japanese by default), the layout's model and the error pages.
 */
package org.azukari.ui.web;
