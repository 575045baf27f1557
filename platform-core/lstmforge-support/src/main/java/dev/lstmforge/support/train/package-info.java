/** Training-recipe defaults and the hyper-parameter declarations most projects share. */
package dev.lstmforge.support.train;
