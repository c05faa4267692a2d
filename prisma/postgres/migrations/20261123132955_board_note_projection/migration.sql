-- CreateTable
CREATE TABLE "BoardNoteProjection" (
    "docName" TEXT NOT NULL,
    "noteId" TEXT NOT NULL,
    "localityId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "clusterName" TEXT,
    "votes" INTEGER NOT NULL DEFAULT 0,
    "authorName" TEXT,
    "noteCreatedAt" TIMESTAMP(3) NOT NULL,
    "projectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BoardNoteProjection_pkey" PRIMARY KEY ("docName","noteId")
);

-- CreateIndex
CREATE INDEX "BoardNoteProjection_localityId_idx" ON "BoardNoteProjection"("localityId");

