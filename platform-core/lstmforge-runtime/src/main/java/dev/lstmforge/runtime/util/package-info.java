/** Small helpers the runtime's packages share: user-facing wording of problems, paths and sizes. */
package dev.lstmforge.runtime.util;
