/** Export of saved models as DJL Serving model directories or zips. */
package dev.lstmforge.runtime.export;
